import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
}
interface ResponseObject {
  content?: Record<string, unknown>;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Checks responses against the OpenAPI document the server serves: the status must be
 * documented for the operation, and a body must validate against the documented schema of its
 * media type (bodiless statuses must have no body). A contract test: the spec cannot drift.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: { pattern: RegExp; path: string }[];
  private readonly validators = new Map<string, ReturnType<Ajv2020['compile']>>();

  private constructor(private readonly doc: OpenApiDocument) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi');
    this.routes = Object.keys(doc.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  }

  /** Loads the document served at `${baseUrl}/openapi.json`. */
  static async load(baseUrl: string): Promise<OpenApiContract> {
    const response = await fetch(`${baseUrl}/openapi.json`);
    return new OpenApiContract((await response.json()) as OpenApiDocument);
  }

  /** Throws a readable error when `response` (already read as `text`) breaks the contract. */
  check(method: string, url: string, response: Response, text: string): void {
    const path = new URL(url).pathname;
    const route = this.routes.find((r) => r.pattern.test(path));
    const where = `${method} ${path} → ${response.status}`;
    if (!route) throw new Error(`contract: ${where}: path not in the OpenAPI document`);
    const operation = this.doc.paths[route.path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`contract: ${where}: method not documented`);
    const documented = operation.responses?.[String(response.status)];
    if (!documented) throw new Error(`contract: ${where}: status not documented`);
    if (!documented.content) {
      if (text !== '') throw new Error(`contract: ${where}: documented without a body`);
      return;
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!(mediaType in documented.content)) {
      throw new Error(`contract: ${where}: media type ${mediaType} not documented`);
    }
    const ref = `openapi#/${pointer('paths', route.path, method.toLowerCase(), 'responses', String(response.status), 'content', mediaType, 'schema')}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    if (!validate(JSON.parse(text))) {
      throw new Error(`contract: ${where}: ${this.ajv.errorsText(validate.errors)}\n${text}`);
    }
  }
}
