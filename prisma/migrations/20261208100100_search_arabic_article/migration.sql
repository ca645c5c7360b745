-- Arabic definite article (issue 14): "الكتاب" finds "كتاب" and the other way
-- round. The text parsed into the tsvector drops ال at the start of an Arabic
-- word, with the proclitics that attach before it (و, ف, ب, ك + ال; ل + ل for
-- ل + ال), when at least three letters remain (so الله, والد, بالغ stay whole).
-- Queries go through the same function (lib/server/search/search-sql.ts).

CREATE OR REPLACE FUNCTION "marginalia_search_text"(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
SET search_path FROM CURRENT AS $$
DECLARE
  n text := "marginalia_search_normalize"(t);
  cjk constant text := '[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]';
  part text;
  result text := '';
BEGIN
  IF n ~ '[\u0621-\u064A]' THEN
    n := regexp_replace(n, '(^|[^\u0621-\u064A])(?:[\u0648\u0641\u0628\u0643]?\u0627\u0644|\u0644\u0644)([\u0621-\u064A]{3,})', '\1\2', 'g');
  END IF;
  IF n !~ cjk THEN
    RETURN n;
  END IF;
  FOR part IN SELECT m[1] FROM regexp_matches(n, '(' || cjk || '+|[^\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+)', 'g') AS m LOOP
    IF part ~ ('^' || cjk) THEN
      IF char_length(part) = 1 THEN
        result := result || ' ' || part || ' ';
      ELSE
        result := result || ' ' || (SELECT string_agg(substr(part, i, 2), ' ' ORDER BY i) FROM generate_series(1, char_length(part) - 1) AS i) || ' ';
      END IF;
    ELSE
      result := result || part;
    END IF;
  END LOOP;
  RETURN result;
END
$$;

-- Recompute the generated tsvector of the entries with Arabic letters.
UPDATE "SearchEntry" SET body = body WHERE normalized ~ '[\u0621-\u064A]';
