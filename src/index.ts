// Tributary's public programmatic API: start a server from a configuration. The only barrel.

export { createServer, createLogger, type ServerOptions, type TributaryServer } from './server.js';
export { ConfigSchema, type Config, type LogLevel } from './config/config-schema.js';
export { resolveConfig, type ConfigOverrides } from './config/build-config.js';
export { loadConfig, type LoadConfigOptions } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
