// The `jl-jtt-2022` pack: the 吉林省交通运输厅 2022年政务公开工作要点 (shared/seed).
import { definePack } from '../define-rule.js';
import { columnMissing } from './column-missing.js';
import { disclosureAttributeMissing } from './disclosure-attribute-missing.js';
import { goodbadDataMissing } from './goodbad-data-missing.js';
import { policyInterpretationLate } from './policy-interpretation-late.js';
import { policyInterpretationMissing } from './policy-interpretation-missing.js';
import { procurementIntentionMissing } from './procurement-intention-missing.js';
import { regulationStale } from './regulation-stale.js';

export {
  columnMissing,
  disclosureAttributeMissing,
  goodbadDataMissing,
  policyInterpretationLate,
  policyInterpretationMissing,
  procurementIntentionMissing,
  regulationStale,
};
export { REQUIRED_COLUMNS, SOURCE_DOC, sourceOf } from './seed.js';
export { workingDaysBetween, addYears, subtractMonths } from './dates.js';

export const jlJtt2022Pack = definePack({
  name: 'jl-jtt-2022',
  title: '吉林省交通运输厅2022年政务公开工作要点',
  rules: {
    'column/missing': columnMissing,
    'policy/interpretation-missing': policyInterpretationMissing,
    'policy/interpretation-late': policyInterpretationLate,
    'regulation/stale': regulationStale,
    'disclosure/attribute-missing': disclosureAttributeMissing,
    'goodbad/data-missing': goodbadDataMissing,
    'procurement/intention-missing': procurementIntentionMissing,
  },
});
