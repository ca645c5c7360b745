-- The digest of the body a key first answered, so that the same key with another body is refused (422).
ALTER TABLE "IdempotencyKey" ADD COLUMN "fingerprint" TEXT;
