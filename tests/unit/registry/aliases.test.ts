import { afterEach, describe, expect, it } from 'vitest';
import { checkAlias } from '../../../main/services/registry/names';
import { errorCodeOf, openRegistry, type RegistryFixture } from './support';

let fx: RegistryFixture;
afterEach(() => fx?.close());

describe("alias names follow MLflow's rules", () => {
  it.each([
    ['with a space', 'has space'],
    ['with a dot', 'v1.0'],
    ['with a slash', 'a/b'],
    ['empty', ''],
    ['reserved "latest"', 'latest'],
    ['reserved "Latest" in any case', 'LATEST'],
    ['reserved v<digits>', 'v12'],
    ['longer than 255 characters', 'a'.repeat(256)],
  ])('refuses an alias %s', async (_label, alias) => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    const error = await errorCodeOf(() => fx.registry.setAlias('m', alias, 1));
    expect(error.code).toBe('INVALID_PARAMETER_VALUE');
    expect(fx.registry.getModel('m').aliases).toEqual([]);
  });

  it('accepts letters, digits, underscores and dashes up to 255 characters, and v-words that are not versions', () => {
    for (const alias of ['champion', 'prod_2024-01', 'a'.repeat(255), 'v1a', 'vNext', 'élite']) expect(checkAlias(alias)).toBe(alias);
  });

  it('refuses an alias for a version that does not exist', async () => {
    fx = openRegistry();
    await fx.registerVersion('m', {});
    expect((await errorCodeOf(() => fx.registry.setAlias('m', 'champion', 7))).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});
