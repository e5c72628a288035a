export { Session, asOrganisation, type Scope, type SignIn, type KeyRow } from './session';
export { Reader } from './reader';
export { SqlRunner, type QueryObserver, type PgConnection } from './runner';
