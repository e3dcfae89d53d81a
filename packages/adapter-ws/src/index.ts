export { CLOSE_CODES } from './close-codes.js';
export { createWsHandler, type WsHandler, type WsHandlerOptions } from './handler.js';
export { DEFAULT_WS_LIMITS, type WsLimits } from './limits.js';
export { CLIENT_MESSAGE_TYPES, type ClientMessage, clientMessageJsonSchemas } from './protocol.js';
