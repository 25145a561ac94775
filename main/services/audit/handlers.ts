import type { auditProcedures } from '../../contract/audit';
import { AppError } from '../../core/app-error';
import type { Handler } from '../../core/dispatcher';
import { writeExportFile } from '../export/write-export-file';
import type { AuditChain } from './audit-chain';
import { auditExportLines } from './audit-export';

type AuditHandlers = { [N in keyof typeof auditProcedures]: Handler<N> };

export function auditHandlers(chain: AuditChain): AuditHandlers {
  return {
    'audit.list': (input) => ({ records: chain.list(input) }),
    'audit.get': (input) => {
      const record = chain.get(input.seq);
      if (!record) throw new AppError('RESOURCE_DOES_NOT_EXIST', `No audit record ${input.seq}.`);
      return record;
    },
    'audit.verify': () => chain.verify(),
    'audit.exportCsv': async ({ path, format }) => {
      // Counted as they are written, so the count is that of the file even if records are appended meanwhile.
      let records = 0;
      async function* counted(): AsyncGenerator<string> {
        for await (const line of auditExportLines(chain, format)) {
          records += 1;
          yield line;
        }
      }
      const written = await writeExportFile(path, counted());
      // Less the CSV header, or the JSON array's opening and closing lines.
      return { ...written, records: records - (format === 'csv' ? 1 : 2) };
    },
  };
}
