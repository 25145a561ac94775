import { create } from 'zustand';
import { predictionsApi } from './predictions-api';
import { choiceKey, defaultChoice, modelReference } from './prediction-view';
import type { ModelChoice, PredictionJob, Validation } from './types';
import type { UploadRecord } from '../../api/upload-file';
import { uploadDropped, uploadPath } from './upload-dataset';

/** "Run a prediction": the dataset kept in uploads/, its validation, the model chosen, and the job it started. */
interface RunStore {
  upload: UploadRecord | null;
  /** What is under way before a run: "Uploading…", "Validating…". */
  busy: string | null;
  /** Why the dataset could not be taken or checked, in the core's words. */
  intakeError: string | null;
  validation: Validation | null;
  models: ModelChoice[];
  modelsLoaded: boolean;
  modelsError: string | null;
  /** The chosen version's key (`NAME/version`). */
  choice: string | null;
  /** Why the run was refused (validation errors, no production model, the same dataset already running). */
  runError: string | null;
  starting: boolean;
  loadModels(): Promise<void>;
  choose(key: string): void;
  takeFile(file: File): Promise<void>;
  takePath(path: string): Promise<void>;
  /** Starts the prediction; resolves with the job, or null when it was refused (runError says why). */
  run(): Promise<PredictionJob | null>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const useRun = create<RunStore>((set, get) => {
  /** Uploads (or copies) the dataset, then validates it; a newer drop supersedes an older one. */
  async function intake(name: string, keep: () => Promise<UploadRecord>): Promise<void> {
    set({ upload: null, validation: null, intakeError: null, runError: null, busy: `Uploading ${name}…` });
    let upload: UploadRecord;
    try {
      upload = await keep();
    } catch (error) {
      set({ busy: null, intakeError: `The dataset was not uploaded: ${message(error)}` });
      return;
    }
    set({ upload, busy: `Validating ${upload.name}…` });
    try {
      const validation = await predictionsApi.validate(upload.id);
      if (get().upload?.id === upload.id) set({ validation, busy: null });
    } catch (error) {
      if (get().upload?.id === upload.id) set({ busy: null, intakeError: `The dataset could not be validated: ${message(error)}` });
    }
  }

  return {
    upload: null,
    busy: null,
    intakeError: null,
    validation: null,
    models: [],
    modelsLoaded: false,
    modelsError: null,
    choice: null,
    runError: null,
    starting: false,
    async loadModels() {
      try {
        const models = await predictionsApi.models();
        const current = get().choice;
        const keep = current && models.some((m) => choiceKey(m) === current);
        const first = defaultChoice(models);
        set({ models, modelsLoaded: true, modelsError: null, choice: keep ? current : first ? choiceKey(first) : null });
      } catch (error) {
        set({ modelsLoaded: true, modelsError: message(error) });
      }
    },
    choose(key) {
      set({ choice: key });
    },
    takeFile: (file) => intake(file.name, () => uploadDropped(file)),
    takePath: (path) => intake(path.split(/[\\/]/).pop() || path, () => uploadPath(path)),
    async run() {
      const { upload, models, choice } = get();
      const chosen = models.find((m) => choiceKey(m) === choice);
      if (!upload) return null;
      set({ runError: null, starting: true });
      try {
        return await predictionsApi.start(upload.id, chosen ? modelReference(chosen) : undefined);
      } catch (error) {
        set({ runError: message(error) });
        return null;
      } finally {
        set({ starting: false });
      }
    },
  };
});
