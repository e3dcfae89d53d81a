import { describe, expect, it } from 'vitest';
import { scanXml } from './xml-scan.js';

const doc = '<a><b x="1>2"/><c>text</c></a>';

describe('scanXml', () => {
  it('finds the root element after the prolog', () => {
    const prolog = '\uFEFF<?xml version="1.0" encoding="utf-8"?><!-- c --><?pi x?>';
    expect(scanXml(prolog + doc, 8)).toEqual({ problem: null, root: prolog.length });
    expect(scanXml(doc, 8)).toEqual({ problem: null, root: 0 });
  });

  it('matches end tags to their start tags, whitespace inside the end tag aside', () => {
    expect(
      scanXml('<s:Envelope><s:Body x="</s:Body>"></s:Body \n></s:Envelope>', 8).problem,
    ).toBeNull();
  });

  it('refuses DTDs, deep nesting and broken markup', () => {
    expect(scanXml(`<!DOCTYPE a [<!ENTITY e "x">]>${doc}`, 8).problem).toBe('dtd');
    expect(scanXml(doc, 1).problem).toBe('too_deep');
    expect(scanXml('<a><b></a></b>', 8).problem).toBe('malformed');
    expect(scanXml(`${doc}<d/>`, 8).problem).toBe('malformed');
    expect(scanXml('<a', 8).problem).toBe('malformed');
    expect(scanXml('<ab></ba>', 8).problem).toBe('malformed');
    expect(scanXml('<a></ab>', 8).problem).toBe('malformed');
    expect(scanXml('</a>', 8).problem).toBe('malformed');
  });

  it('accepts UTF-8 declared in any spelling, and refuses any other declared encoding', () => {
    for (const name of ['utf-8', 'UTF-8', 'utf8', 'UTF8'])
      expect(scanXml(`<?xml version='1.0' encoding='${name}'?>${doc}`, 8).problem).toBeNull();
    expect(scanXml(`<?xml version="1.0"?>${doc}`, 8).problem).toBeNull();
    for (const name of ['ISO-8859-1', 'UTF-16', 'windows-1252'])
      expect(scanXml(`<?xml version="1.0" encoding="${name}"?>${doc}`, 8).problem).toBe('encoding');
    expect(scanXml(`<?xml-stylesheet href="x" encoding="latin1"?>${doc}`, 8).problem).toBeNull();
  });
});
