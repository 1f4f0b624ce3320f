import type { inspectionContract } from '../../../shared/inspection/contract';
import type { TestApp } from '../app';
import type { ClinicFixture } from '../factories';

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function inspectionValidInputs(_t: TestApp, _f: ClinicFixture): Promise<Record<keyof typeof inspectionContract, Record<string, unknown>>> {
  return {};
}
