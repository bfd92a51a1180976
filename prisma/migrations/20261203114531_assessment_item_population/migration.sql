-- AlterTable
ALTER TABLE "AssessmentItem" ADD COLUMN "maxPopulation" INTEGER;
ALTER TABLE "AssessmentItem" ADD COLUMN "minPopulation" INTEGER;

