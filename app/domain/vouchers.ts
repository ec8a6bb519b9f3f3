/**
 * Treatment vouchers (docs/domain-guide.md, "Other forms of funding"): where the kind of treatment is
 * fixed (a controlled treatment) but the provider may be chosen. A voucher holds a number of sessions,
 * a value and an expiry date instead of money; the person chooses any provider accredited for the
 * treatment and can switch; each claim by the provider (recorded by the lead professional) uses
 * sessions and value. Pure rules; money in integer pence.
 */

export interface Voucher {
  treatment: string;
  sessions: number;
  valuePence: number;
  /** The last day a session may be claimed for (YYYY-MM-DD). */
  expiresOn: string;
}

export interface VoucherClaim {
  sessions: number;
  amountPence: number;
  sessionDate: string;
}

/** What is left of a voucher after its claims. */
export function voucherLeft(voucher: Voucher, claims: readonly VoucherClaim[]) {
  const sessions = claims.reduce((sum, c) => sum + c.sessions, 0);
  const pence = claims.reduce((sum, c) => sum + c.amountPence, 0);
  return { sessions: voucher.sessions - sessions, valuePence: voucher.valuePence - pence };
}

/** A provider may be chosen only if accredited for the voucher's treatment. */
export function mayChooseProvider(voucher: Pick<Voucher, "treatment">, provider: { treatment: string }): boolean {
  return provider.treatment === voucher.treatment;
}

export type ClaimRefusal = "no-provider" | "sessions" | "value" | "expired" | "before-issue";

/**
 * A claim for sessions held by the provider the person has chosen: at least one session and no more
 * than are left, within the value left (sessions × the provider's price), on or before the expiry date
 * and not before the voucher was issued.
 */
export function claimRefusal(
  voucher: Voucher & { issuedOn: string },
  claims: readonly VoucherClaim[],
  claim: { sessions: number; pricePerSessionPence: number; sessionDate: string; providerChosen: boolean },
): ClaimRefusal | null {
  if (!claim.providerChosen) return "no-provider";
  const left = voucherLeft(voucher, claims);
  if (!Number.isInteger(claim.sessions) || claim.sessions < 1 || claim.sessions > left.sessions) return "sessions";
  if (claim.sessions * claim.pricePerSessionPence > left.valuePence) return "value";
  if (claim.sessionDate > voucher.expiresOn) return "expired";
  if (claim.sessionDate < voucher.issuedOn) return "before-issue";
  return null;
}
