/** Fixed ids and secrets of the sample world: tenants, subscriptions and apps (see sample-world.ts). */

export const CONTOSO = {
  id: '6513270e-269e-4d37-b2a7-4de452e6b438',
  domain: 'contoso.onmicrosoft.com',
  displayName: 'Contoso',
};
export const FABRIKAM = {
  id: 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450',
  domain: 'fabrikam.onmicrosoft.com',
  displayName: 'Fabrikam',
};

export const SUBSCRIPTIONS = {
  production: {
    id: '9531985d-5d9d-49f8-9818-e811892f902b',
    displayName: 'Contoso Production',
    resourceCount: 137,
    seed: 137,
  },
  development: {
    id: '36f675cc-81e7-4ef5-a8e2-5d940ed90475',
    displayName: 'Contoso Development',
    resourceCount: 24,
    seed: 2,
  },
  fabrikam: {
    id: '6b0d549b-6f03-475a-9600-a35a099950d8',
    displayName: 'Fabrikam Retail',
    resourceCount: 40,
    seed: 3,
  },
} as const;

/** Apps and their secrets; `expiresInDays` is relative to when the world is made. */
export const APPS = {
  connector: {
    appId: 'f53d4330-cdda-44ba-ad06-e8cf3805f907',
    principalId: '0cdb1ca4-76ec-4dd6-8498-e113b227462c',
    displayName: 'osto-connector',
    tenantId: CONTOSO.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: 'd92c9227-eadf-4085-bfcb-75468eb22579',
        value: 'Ohb9Q~JFCrnl2edlBD.dz1C5Jau2RJtBRnlWmTSH',
        displayName: 'osto',
        expiresInDays: 200,
      },
      // An older secret that expires sooner: the one in use must be found by its hint, not by date.
      {
        keyId: 'cd29a36f-2222-42e1-b4da-aebf1f115b76',
        value: 'ZcU8Q~pWkLUyifDLkDmWJ6UuVTAIjvFu7WICPhDe',
        displayName: 'old pipeline',
        expiresInDays: 45,
      },
    ],
  },
  staging: {
    appId: 'fce68504-87f8-424d-aae6-5fc176f2dbfe',
    principalId: 'f335cba3-513a-4052-986f-90258f15ba58',
    displayName: 'osto-connector-staging',
    tenantId: CONTOSO.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: '9cd6c852-714c-4df4-a434-7d51c1581092',
        value: 'hsB7Q~6aH.w.nM.ztVuaP_coUNEhEkk_iqq8vH2B',
        displayName: 'osto',
        expiresInDays: 5,
      },
    ],
  },
  noRole: {
    appId: '81392443-e45b-412e-b822-5688d0a44432',
    principalId: '8c41561b-e827-41b9-94a0-2e536d3ee1dc',
    displayName: 'osto-no-role',
    tenantId: CONTOSO.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: 'be6033f7-28be-4288-a5af-6e39722764e6',
        value: '7IW9Q~zNZV45pFCiRcDCajhDieQj~EJ_Bq8F80ym',
        displayName: 'osto',
        expiresInDays: 300,
      },
    ],
  },
  tagWriter: {
    appId: '425a609f-7337-4599-b984-4388dc8aee30',
    principalId: 'a33dc7af-d701-410d-bf4b-1a70c074718e',
    displayName: 'osto-tag-writer',
    tenantId: CONTOSO.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: '8573e793-c715-42b9-840c-5d9146fde062',
        value: 'gQB8Q~207gmhZRnFyy5r2xJ7Fj4mgblEv0_9BZhv',
        displayName: 'osto',
        expiresInDays: 300,
      },
    ],
  },
  owner: {
    appId: '464c04af-3d3f-4799-a072-95e97c0e8cd8',
    principalId: '49257af1-b6aa-405b-93d5-f2f7709b7d97',
    displayName: 'osto-owner',
    tenantId: CONTOSO.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: '51d87c64-55fa-4ab8-858f-1f193c07c574',
        value: 'yay8Q~6K2_tyLBhhOhg9.uh~kxiiEZpFfk1OHAOE',
        displayName: 'osto',
        expiresInDays: 365,
      },
    ],
  },
  legacy: {
    appId: '236c7b87-14a0-4ccb-8a47-6a87e49d681d',
    principalId: 'b1a6b1f1-620e-49d3-bb33-f3d8269cd696',
    displayName: 'osto-legacy',
    tenantId: CONTOSO.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: '10714d51-36c5-4dac-b4d7-e28e271e3ee2',
        value: 'qzi9Q~M6Ojb6mjB.HqSiFVKu4MbMnrHontIKARAH',
        displayName: 'osto',
        expiresInDays: -10,
      },
    ],
  },
  noGraph: {
    appId: '8ae8905b-54b4-4482-a858-6eba6a34c854',
    principalId: '34f3193c-0ff0-455c-aa70-2e2f7746d0ba',
    displayName: 'osto-no-graph',
    tenantId: CONTOSO.id,
    graphReadAll: false,
    secrets: [
      {
        keyId: 'e7a37e81-63b4-408b-ab8e-869fd5385b0e',
        value: 'GFq7Q~l2JfaQqHu42bojteVs3qfNUfTAFnT0tEuw',
        displayName: 'osto',
        expiresInDays: 90,
      },
    ],
  },
  blobReader: {
    appId: 'b20dcb6e-f231-4f17-9586-3a76c51155ff',
    principalId: 'c3fe0183-e172-4725-9b52-ca5805000bc6',
    displayName: 'osto-blob-reader',
    tenantId: CONTOSO.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: '018267c4-7a1b-4806-a160-a6b49360715f',
        value: 'MBw9Q~O3~oXyGf3azU3iQOpM.N0PZLqy1WwMZaMK',
        displayName: 'osto',
        expiresInDays: 180,
      },
    ],
  },
  fabrikam: {
    appId: 'c0e3befd-4c71-40fe-9a0c-dd7cf1578470',
    principalId: 'f41402b1-e442-4ebb-9a7b-909563d62a39',
    displayName: 'fabrikam-inventory',
    tenantId: FABRIKAM.id,
    graphReadAll: true,
    secrets: [
      {
        keyId: 'bf5d2fdf-89c8-42ab-ab44-fa8dd5f25073',
        value: 'nBY9Q~P744B~8vkK~QlENCzsdfF8j61yX-ZFsan2',
        displayName: 'osto',
        expiresInDays: 250,
      },
    ],
  },
} as const;

/** Someone else's assignment, so unfiltered role-assignment lists are not just ours. */
export const OTHER_PRINCIPAL = '90c192cf-d3ac-44af-8f21-ddb66cad4a26';
