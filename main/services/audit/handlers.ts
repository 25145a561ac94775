import type { auditProcedures } from '../../contract/audit';
import { AppError } from '../../core/app-error';
import type { Handler } from '../../core/dispatcher';
import type { AuditChain } from './audit-chain';

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
  };
}
