import { PagePlaceholder } from '../shell/PagePlaceholder';

export function PipelinesPage() {
  return (
    <PagePlaceholder
      title="Pipelines"
      willHold={[
        'flow runs with their state, duration and parameters',
        'a flow run as a timeline of its tasks, with live progress and logs',
        'buttons to start, cancel and retry flows',
      ]}
    />
  );
}
