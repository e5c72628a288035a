import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Mutation } from '../../graphql/mutation';
import type { ApiKey } from '@waymark/db';
import { type RequestContext, tenant } from '../../context';
import { ConnectionArgs, connectionOf } from '../../graphql/connection';
import * as apiKeys from './api-keys.service';
import { CreateApiKeyArgs } from './inputs';
import { ApiKeyType, ApiKeyWithSecret } from './types';

const ApiKeyConnection = connectionOf(ApiKeyType, 'ApiKey', 'API key');

@Resolver()
export class ApiKeysResolver {
  @Authorized('apikeys:manage')
  @Query(() => ApiKeyConnection, { description: "The organisation's API keys, newest first; secrets are never shown again." })
  apiKeys(@Ctx() ctx: RequestContext, @Args(() => ConnectionArgs) page: ConnectionArgs) {
    return apiKeys.listApiKeys(tenant(ctx), page);
  }

  @Authorized('apikeys:manage')
  @Mutation(() => ApiKeyWithSecret, { description: 'Create a key with scopes; the secret is in this answer only.' })
  createApiKey(@Ctx() ctx: RequestContext, @Args(() => CreateApiKeyArgs) args: CreateApiKeyArgs): ApiKeyWithSecret {
    return apiKeys.createApiKey(tenant(ctx), args.name, args.scopes);
  }

  @Authorized('apikeys:manage')
  @Mutation(() => ApiKeyType, { description: 'Revoke a key at once; revoking it again changes nothing.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Its id.' }) id: string): Promise<ApiKey> {
    return apiKeys.revokeApiKey(tenant(ctx), id);
  }
}
