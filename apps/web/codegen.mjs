// Operations in app/ are typed from the API's committed SDL (apps/api/schema.graphql). The output is
// committed too; `npm test` fails when it is stale or when the SDL differs from the running schema.
/** @type {import('@graphql-codegen/cli').CodegenConfig} */
export default {
  schema: '../api/schema.graphql',
  documents: ['app/**/*.{ts,tsx}', '!app/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'app/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', LocalDate: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
        skipTypename: true,
      },
    },
  },
};
