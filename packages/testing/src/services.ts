/**
 * Private servers for tests and fault drills: each started on a free loopback port with its data
 * in a temporary folder, and stopped, killed, frozen or restarted without touching anything else on
 * the machine (the shared PostgreSQL and Redis included).
 */
export { startPostgres, type PostgresOptions, type PostgresService } from './services/postgres';
export { postgresBinDir } from './services/postgres-setup';
export { startRedis, redisPing, type RedisOptions, type RedisService } from './services/redis';
export { startSmtpReceiver, bodyOf, header, tally, type ReceivedMail, type SmtpReceiver, type SmtpRefusal } from './services/smtp';
export { startHttpReceiver, type HttpFailure, type HttpReceiver, type PathAnswer, type ReceivedRequest } from './services/http';
export type { FailureOptions } from './services/fault-window';
export { freePort, poll, until } from './services/ports';
export { RunningProcess, type ExitStatus, type SpawnSpec } from './services/process';
export { startTcpProxy, type TcpProxy } from './services/tcp-proxy';
export { seededRandom } from './services/random';
