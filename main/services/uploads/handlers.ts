import type { uploadProcedures } from '../../contract/uploads';
import type { Handler } from '../../core/dispatcher';
import type { UploadStore } from './upload-store';

type UploadHandlers = { [N in keyof typeof uploadProcedures]: Handler<N> };

export function uploadHandlers(store: UploadStore): UploadHandlers {
  return {
    'uploads.add': ({ path, name }) => store.add(path, { name }),
    'uploads.list': async () => ({ uploads: await store.list() }),
    'uploads.get': ({ id }) => store.get(id),
    'uploads.delete': async ({ id }) => {
      await store.remove(id);
      return { id };
    },
  };
}
