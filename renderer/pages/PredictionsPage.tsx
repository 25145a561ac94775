import { PagePlaceholder } from '../shell/PagePlaceholder';

export function PredictionsPage() {
  return (
    <PagePlaceholder
      title="Predictions"
      willHold={[
        'a new prediction: drop a BIDS dataset (folder or zip) and run the production model on it',
        'the history of predictions, with the audit record of every input and output',
        'prediction counts and statistics',
      ]}
    />
  );
}
