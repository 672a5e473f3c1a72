/**
 * The manifest as `forge deploy` would judge it, offline: @forge/manifest's full and product-trigger validation,
 * then @forge/lint in client-side mode (handlers, scopes used by route`` calls, storage, timeouts), with its
 * swagger look-ups pointed at the local Atlassian specs instead of the network.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { ProcessorBuilder, ValidationTypes, type ManifestSchema } from '@forge/manifest';
import { jiraSpecPath, jsmSpecPath } from '../support/contracts';
import { SURFACE_MODULES } from '../../sandbox/runtime/surfaces';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'build' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [path.relative(root, full)] : [];
  });
}

function readManifest(): ManifestSchema {
  return yaml.load(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as ManifestSchema;
}

/**
 * @forge/lint in client-side mode over every source file. It checks a TypeScript file only when tsconfig's
 * `include` globs name it, which is why tsconfig.json lists each folder with a `**` glob rather than bare.
 */
async function lintApp(manifest: ManifestSchema) {
  const empty = path.join(os.tmpdir(), 'forge-empty-swagger.json');
  fs.writeFileSync(empty, JSON.stringify({ paths: {} }));
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: jiraSpecPath(),
    LOCAL_JSM_SWAGGER: jsmSpecPath(),
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
  // Loaded after the environment is set: the linter reads the swagger switches when it runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
  const { lint } = require('@forge/lint') as typeof import('@forge/lint');
  const logger = { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };
  const statsig = { getDeprecatedRuntimes: async () => [] } as unknown as Parameters<typeof lint>[4];
  const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'static'))];
  return lint(files, manifest, 'development', logger as never, statsig, { linter: { mode: 'client-side' } });
}

// The linter parses every source file with TypeScript: tens of seconds on a 2-core machine.
jest.setTimeout(180_000);

describe('manifest.yml', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(root));
  afterAll(() => process.chdir(cwd));

  it.each([ValidationTypes.FULL, ValidationTypes.PRODUCT_TRIGGER])('passes @forge/manifest %s validation', async (type) => {
    const result = await ProcessorBuilder.instance().withValidation(type).build().process();
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('passes @forge/lint (client-side) with zero errors and warnings', async () => {
    const results = await lintApp(readManifest());
    const found = results.flatMap((r) => [...r.errors, ...r.warnings].map((e) => `${r.file}: ${e.message}`));
    expect(found).toEqual([]);
  });

  it('declares exactly the scopes the code and the triggers need', async () => {
    // Lint the app as if it declared no scope: every scope it needs is then reported missing.
    const manifest = readManifest();
    const results = await lintApp({ ...manifest, permissions: { ...manifest.permissions, scopes: [] } });
    const needed = new Set(results.flatMap((r) => r.errors.map((e) => (e.metadata as { missingPermission?: string } | undefined)?.missingPermission)).filter(Boolean));
    // KVS calls carry no route the linter can see; src/storage's use of @forge/kvs needs storage:app.
    needed.add('storage:app');
    expect([...((manifest.permissions?.scopes ?? []) as string[])].sort()).toEqual([...needed].sort());
  });

  it('shows each Custom UI surface in the module the sandbox and the tests name for it', () => {
    const manifest = yaml.load(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as { modules: Record<string, Array<{ key: string; resource?: string }>> };
    const byResource = Object.fromEntries(Object.values(manifest.modules).flat().filter((m) => m.resource).map((m) => [m.resource, m.key]));
    expect(byResource).toMatchObject(SURFACE_MODULES);
  });

  it('runs on the Node.js 22 Forge runtime and declares only the scopes the code needs', () => {
    const manifest = yaml.load(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as ManifestSchema;
    expect(manifest.app.runtime?.name).toBe('nodejs22.x');
    expect(manifest.permissions?.scopes).toEqual(expect.arrayContaining(['storage:app', 'read:jira-work']));
  });
});
