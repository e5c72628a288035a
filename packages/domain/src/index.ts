export * from './enums';
export * from './errors';
export * from './access';
export * from './scoring';
export * from './answers';
export * from './plans';
export * from './calendar';
