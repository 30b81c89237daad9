import { Buffer } from 'node:buffer';
import type { CoreDeps } from '../context';
import { attachDocument, documentContent, locateDocument, verifyDocuments } from '../documents/service';
import type { DomainHandlers } from '../handlers';
import { listAlerts } from './alerts';
import { createAgreement, getAgreement, listAgreements, updateAgreement } from './service';

export type AgreementProcedureName =
  | 'agreement:list'
  | 'agreement:get'
  | 'agreement:create'
  | 'agreement:update'
  | 'document:attach'
  | 'document:content'
  | 'document:locate'
  | 'document:verify'
  | 'alert:list';

/** PKS agreements, their documents and the registry alerts. */
export function agreementHandlers(deps: CoreDeps): DomainHandlers<AgreementProcedureName> {
  return {
    'agreement:list': (input) => listAgreements(deps, input),
    'agreement:get': (input) => getAgreement(deps, input.id),
    'agreement:create': (input, ctx) => createAgreement(deps, input, ctx),
    'agreement:update': (input, ctx) => updateAgreement(deps, input, ctx),
    'document:attach': (input, ctx) =>
      attachDocument(deps, { agreementId: input.agreementId, fileName: input.fileName, bytes: Buffer.from(input.contentBase64, 'base64') }, ctx),
    'document:content': (input) => documentContent(deps, input.id),
    'document:locate': (input) => locateDocument(deps, input.id),
    'document:verify': () => verifyDocuments(deps),
    'alert:list': (input) => listAlerts(deps, input),
  };
}
