-- Modify "local_authorities" table
ALTER TABLE "local_authorities" ADD COLUMN "suppress_small_counts" boolean NOT NULL DEFAULT true;
