/** The training options' fixed values, without zod, so the CLI's --help can show them cheaply. */
export const TRAIN_MODEL_TYPES = ['rf', 'logreg', 'gbt'] as const;
export const DEFAULT_REGISTERED_NAME = 'eeg-classifier';
export const DEFAULT_TRAINING_EXPERIMENT = 'training';
