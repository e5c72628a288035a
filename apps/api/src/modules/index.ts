import type { NonEmptyArray } from 'type-graphql';
import { FrameworkResolver } from './frameworks/resolver';

/** Every resolver in the API. A feature is a folder in modules/ and one line here. */
export const RESOLVERS: NonEmptyArray<Function> = [FrameworkResolver];
