import { AddReportingCycle1795982400000 } from './1795982400000-AddReportingCycle.js';
import { AddRegionEnglishNames1795957200000 } from './1795957200000-AddRegionEnglishNames.js';
import { ProtectHistory1795960800000 } from './1795960800000-ProtectHistory.js';
import { TargetsReachNotExact1795964400000 } from './1795964400000-TargetsReachNotExact.js';
import { AddPlanDemoDay1795968000000 } from './1795968000000-AddPlanDemoDay.js';
import { AddMeasures1795971600000 } from './1795971600000-AddMeasures.js';
import { AddMeasureReports1795975200000 } from './1795975200000-AddMeasureReports.js';
import { AddSupervision1795978800000 } from './1795978800000-AddSupervision.js';
import { AddAccounts1795932000000 } from './1795932000000-AddAccounts.js';
import { AddAlerts1795942800000 } from './1795942800000-AddAlerts.js';
import { AddAlertEvaluatedAsOf1795950000000 } from './1795950000000-AddAlertEvaluatedAsOf.js';
import { AddPlanImports1795953600000 } from './1795953600000-AddPlanImports.js';
import { AddMonthlyPlans1795946400000 } from './1795946400000-AddMonthlyPlans.js';
import { AddMeasurements1795935600000 } from './1795935600000-AddMeasurements.js';
import { AddProgressThresholds1795939200000 } from './1795939200000-AddProgressThresholds.js';
import { AddPlanStructure1795928400000 } from './1795928400000-AddPlanStructure.js';
import { CreateCatalog1795924800000 } from './1795924800000-CreateCatalog.js';

/** Every migration in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [
  CreateCatalog1795924800000,
  AddPlanStructure1795928400000,
  AddAccounts1795932000000,
  AddMeasurements1795935600000,
  AddProgressThresholds1795939200000,
  AddAlerts1795942800000,
  AddMonthlyPlans1795946400000,
  AddAlertEvaluatedAsOf1795950000000,
  AddPlanImports1795953600000,
  AddRegionEnglishNames1795957200000,
  ProtectHistory1795960800000,
  TargetsReachNotExact1795964400000,
  AddPlanDemoDay1795968000000,
  AddMeasures1795971600000,
  AddMeasureReports1795975200000,
  AddSupervision1795978800000,
  AddReportingCycle1795982400000,
];
