import { useState } from 'react';
import { Box, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import type { StageInfo } from '../../../main/contract/executor';
import { defaultsOf, fieldsOf, numberProblem, parseNumberInput, type Field, type JsonSchema } from './schema-form';

type Values = Record<string, unknown>;

/** A value edited as JSON text; it reaches the params only once it parses. */
function JsonField(props: { field: Field; value: unknown; onChange(value: unknown): void }) {
  const [text, setText] = useState(props.value === undefined ? '' : JSON.stringify(props.value));
  const [bad, setBad] = useState(false);
  return (
    <TextField
      size="small"
      label={`${props.field.key} (JSON)`}
      value={text}
      error={bad}
      helperText={bad ? 'Not valid JSON.' : props.field.description}
      onChange={(e) => {
        setText(e.target.value);
        try {
          props.onChange(e.target.value.trim() === '' ? undefined : JSON.parse(e.target.value));
          setBad(false);
        } catch {
          setBad(true);
        }
      }}
      slotProps={{ htmlInput: { 'data-testid': `param-${props.field.key}`, spellCheck: false, style: { fontFamily: 'monospace' } } }}
    />
  );
}

/** ml_pipeline's pick of one stage: the catalogue's stages of that kind, then the chosen stage's own args. */
function StageField(props: { field: Field; value: unknown; stages: StageInfo[]; onChange(value: unknown): void }) {
  const kind = props.field.key;
  const choices = props.stages.filter((s) => s.kind === kind);
  const value = (props.value ?? {}) as { fn?: string; args?: Values };
  const stage = choices.find((s) => s.name === value.fn);
  const pick = (name: string): void => {
    const chosen = choices.find((s) => s.name === name);
    props.onChange({ fn: name, args: { ...defaultsOf((chosen?.argsSchema ?? {}) as JsonSchema), ...((chosen?.defaultArgs as Values | null) ?? {}) } });
  };
  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }} data-testid={`stage-${kind}`}>
      <TextField
        select
        size="small"
        fullWidth
        label={`${kind} stage`}
        value={value.fn ?? ''}
        onChange={(e) => pick(e.target.value)}
        helperText={stage?.description}
        slotProps={{ htmlInput: { 'data-testid': `stage-select-${kind}` } }}
      >
        {choices.map((s) => (
          <MenuItem key={s.name} value={s.name}>{s.name}</MenuItem>
        ))}
      </TextField>
      {stage && (
        <Box sx={{ mt: 1.5, pl: 1 }}>
          <ParamsForm schema={stage.argsSchema as JsonSchema} values={value.args ?? {}} stages={props.stages} onChange={(args) => props.onChange({ ...value, args })} />
        </Box>
      )}
    </Box>
  );
}

function FieldInput(props: { field: Field; value: unknown; stages: StageInfo[]; onChange(value: unknown): void }) {
  const { field, value, onChange } = props;
  const label = `${field.key}${field.required ? ' *' : ''}`;
  const testId = { 'data-testid': `param-${field.key}` };
  switch (field.kind) {
    case 'number': {
      const problem = numberProblem(field, value);
      const bounds = [field.min !== undefined ? `≥ ${field.min}` : '', field.max !== undefined ? `≤ ${field.max}` : ''].filter(Boolean).join(', ');
      return (
        <TextField
          size="small"
          label={label}
          defaultValue={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(parseNumberInput(e.target.value))}
          error={problem !== null}
          helperText={problem ?? ([field.description, field.integer ? 'whole number' : '', bounds].filter(Boolean).join('; ') || undefined)}
          slotProps={{ htmlInput: { ...testId, inputMode: field.integer ? 'numeric' : 'decimal' } }}
        />
      );
    }
    case 'string':
      return <TextField size="small" label={label} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value)} helperText={field.description} slotProps={{ htmlInput: testId }} />;
    case 'boolean':
      return <FormControlLabel control={<Switch checked={value === true} onChange={(e) => onChange(e.target.checked)} slotProps={{ input: testId as object }} />} label={field.key} />;
    case 'enum':
      return (
        <TextField select size="small" label={label} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value)} helperText={field.description} slotProps={{ htmlInput: testId }}>
          {field.options.map((o) => (
            <MenuItem key={o} value={o}>{o}</MenuItem>
          ))}
        </TextField>
      );
    case 'stage':
      return <StageField field={field} value={value} stages={props.stages} onChange={onChange} />;
    default:
      return <JsonField field={field} value={value} onChange={onChange} />;
  }
}

/** The fields of a params schema, filled with `values`; every change hands back the whole object. */
export function ParamsForm(props: { schema: JsonSchema; values: Values; stages: StageInfo[]; onChange(values: Values): void }) {
  const fields = fieldsOf(props.schema);
  if (fields.length === 0) return <Typography variant="body2" color="text.secondary">No params.</Typography>;
  const set = (key: string, value: unknown): void => {
    const next = { ...props.values };
    if (value === undefined) delete next[key];
    else next[key] = value;
    props.onChange(next);
  };
  return (
    <Stack spacing={2}>
      {fields.map((field) => (
        <FieldInput key={field.key} field={field} value={props.values[field.key]} stages={props.stages} onChange={(v) => set(field.key, v)} />
      ))}
    </Stack>
  );
}
