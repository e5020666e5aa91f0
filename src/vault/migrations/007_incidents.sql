-- Schema 7: incidents (unfair labor practices), the people involved, and evidence files stored
-- inside the vault. (Defined by the incidents module.)
SELECT 1;
