-- Schema 8: affidavit drafts and their hash-chained versions. (Defined by the affidavits module.)
SELECT 1;
