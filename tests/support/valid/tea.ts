import type { teaContract } from '../../../shared/tea/contract';
import type { TestApp } from '../app';
import type { ClinicFixture } from '../factories';

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function teaValidInputs(_t: TestApp, _f: ClinicFixture): Promise<Record<keyof typeof teaContract, Record<string, unknown>>> {
  return {};
}
