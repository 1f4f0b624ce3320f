import type { visitsContract } from '../../../shared/visits/contract';
import type { TestApp } from '../app';
import type { ClinicFixture } from '../factories';

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function visitsValidInputs(_t: TestApp, _f: ClinicFixture): Promise<Record<keyof typeof visitsContract, Record<string, unknown>>> {
  return {};
}
