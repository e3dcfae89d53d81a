/** The node-soap and fast-xml-parser pieces the baseline servers use, with the one node shape they read. */
export { parseEnvelope, scanXml } from '@commerce/adapter-soap';
export { XMLParser } from 'fast-xml-parser';
export * as soap from 'soap';

export type XmlNode = { [name: string]: unknown };
