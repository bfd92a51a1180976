/** One-time password links and password changes. */
import { hashToken } from "~/models/person.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

/** The live token row for a raw token, or null when unknown, used or expired. */
export async function getValidPasswordToken({ token, now = new Date() }: { token: string; now?: Date }) {
  if (token.length < 20 || token.length > 200) return null;
  return prisma.passwordToken.findFirst({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
    select: { id: true, userId: true, user: { select: { email: true } } },
  });
}

/**
 * Sets the password through a one-time token: marks the token used and signs out every
 * session of the user, in one transaction. Returns false if the token is no longer valid.
 */
export async function setPasswordWithToken({
  token,
  password,
  requestId,
  now = new Date(),
}: {
  token: string;
  password: string;
  /** the request that carried the link (the token's owner is the actor) */
  requestId: string | null;
  now?: Date;
}) {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const used = await tx.passwordToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return false;
    const row = await tx.passwordToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(token) },
      select: { userId: true },
    });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, passwordSetAt: now, failedLogins: 0 } });
    await tx.authSession.deleteMany({ where: { userId: row.userId } });
    await audit(
      tx,
      { userId: row.userId, requestId },
      {
        action: "password.set",
        entity: "User",
        entityId: row.userId,
      },
    );
    return true;
  });
}
