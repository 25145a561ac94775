import fs from 'node:fs';
import path from 'node:path';
import type { registryProcedures } from '../../contract/registry';
import { AppError, invalid } from '../../core/app-error';
import type { Handler } from '../../core/dispatcher';
import type { BundleService } from './bundle-service';
import { bundleScratchPath } from './scratch-name';
import { asUserFile } from './as-user-file';

type BundleProcedure = Extract<keyof typeof registryProcedures, `bundles.${string}`>;
type BundleHandlers = { [N in BundleProcedure]: Handler<N> };

// The host's working folder means nothing to a caller on the other side of HTTP.
function absolute(file: string): string {
  if (!path.isAbsolute(file)) throw invalid(`"${file}" is a relative path; give the full path of the file.`);
  return file;
}

export function bundleHandlers(bundles: BundleService, uploadsDir: string): BundleHandlers {
  return {
    'bundles.export': ({ name, version, path: file, overwrite }) => {
      const target = absolute(file);
      if (!overwrite && fs.existsSync(target)) {
        throw new AppError('RESOURCE_ALREADY_EXISTS', `${target} already exists; choose another file, or confirm that it may be replaced.`);
      }
      return bundles.exportBundle(name, version, target);
    },
    'bundles.import': ({ path: file, name }) => bundles.importBundle(absolute(file), { name }),
    'bundles.importOnnx': ({ path: file, featuresPath, name }) => bundles.importOnnx(absolute(file), absolute(featuresPath), name),
    'bundles.importData': async ({ fileName, dataBase64, name }) => {
      fs.mkdirSync(uploadsDir, { recursive: true });
      const scratch = bundleScratchPath(uploadsDir, '.zip');
      try {
        fs.writeFileSync(scratch, Buffer.from(dataBase64, 'base64'));
        return await asUserFile(scratch, fileName, () => bundles.importBundle(scratch, { name }));
      } finally {
        fs.rmSync(scratch, { force: true });
      }
    },
  };
}
