-- Generates a search benchmark workspace (issue 14) in a migrated database:
-- :articles articles of ~1,000 words (about 10% Arabic and 10% Chinese
-- paragraphs, names with spelling variants), :annotations annotations and
-- :comments comments, through the ordinary tables. Deterministic.
-- For speed the GIN index is built once at the end, and comments are indexed
-- set-wise (the same rows their trigger writes, see the search migrations)
-- with their per-row trigger off during the bulk insert; articles, entities
-- and annotations go through their triggers (annotations' insert trigger is
-- set-wise itself).
SELECT setseed(0.14);
SET maintenance_work_mem = '512MB';
DROP INDEX "SearchEntry_kind_document_idx";
ALTER TABLE "Comment" DISABLE TRIGGER "Comment_search";

INSERT INTO "User" (id, email, name, "updatedAt")
SELECT 'bu' || i, 'bench' || i || '@bench.local', (ARRAY['Ada','Bo','Cai','Dina','Eli','Farah','Gus','Hana','Ivo','Jun'])[1 + i % 10] || ' Analyst' || i, now()
  FROM generate_series(1, 20) i;
INSERT INTO "Workspace" (id, name, "createdById", "updatedAt") VALUES ('bws', 'Search bench', 'bu1', now());
INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt")
SELECT 'bm' || i, 'bws', 'bu' || i, CASE WHEN i = 1 THEN 'OWNER' WHEN i < 4 THEN 'REVIEWER' ELSE 'ANALYST' END::"Role", now()
  FROM generate_series(1, 20) i;
INSERT INTO "EntityType" (id, "workspaceId", name, color, "updatedAt")
SELECT 'bt' || i, 'bws', (ARRAY['Person','Organization','Location','Event','Other'])[i], '#888888', now() FROM generate_series(1, 5) i;

CREATE TEMP TABLE words AS SELECT unnest(string_to_array(
  'the a of to in and that for on with as was said by from at its after government forces talks negotiations negotiated negotiating peace security officials resistance valley province leaders meeting agreement ceasefire militia fighters commander support international aid refugees border city capital village council election reform minister spokesman statement reported according sources week month year early later during against under between among while since because however although despite people country region army police attack defence control power political economic military humanitarian crisis return exile interim cabinet delegation envoy mediation',
  ' ')) AS w;
CREATE TEMP TABLE names AS SELECT unnest(ARRAY['Ahmad Massoud','Massoud','Masood','Masoud','Amrullah Saleh','Saleh','Salih','Kabul','Kābul','Panjshir','Panjsher','Ghani','Haqqani','Haqani','Tajikistan','Doha','Mazar-i-Sharif','Herat','Kandahar','Qandahar']) AS n;
CREATE TEMP TABLE arabic AS SELECT unnest(ARRAY['كِتَاب','كتاب','المقاومة','مُقَاوَمَة','بنجشير','أحمد','مسعود','الحكومة','حُكُومَة','مدينة','كابول','طالبان','مفاوضات','سلام','إعلان','اجتماع','وادي','قائد']) AS a;
CREATE TEMP TABLE hanzi AS SELECT unnest(ARRAY['阿富汗','喀布尔','谈判','塔利班','政府','抵抗','会议','领导人','和平','难民','边境','部队','安全','官员','声明','国际','援助','首都']) AS h;

-- Paragraph generators (volatile: every word drawn anew).
CREATE FUNCTION pg_temp.en_paragraph(n int) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(CASE WHEN random() < 0.06 THEN nm.a[1 + floor(random() * cardinality(nm.a))::int]
                         ELSE wd.a[1 + floor(random() * cardinality(wd.a))::int] END, ' ') || '.'
    FROM generate_series(1, n), (SELECT array_agg(w) AS a FROM words) wd, (SELECT array_agg(n) AS a FROM names) nm
$$;
CREATE FUNCTION pg_temp.ar_paragraph(n int) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(ar.a[1 + floor(random() * cardinality(ar.a))::int], ' ') || '.'
    FROM generate_series(1, n), (SELECT array_agg(a) AS a FROM arabic) ar
$$;
CREATE FUNCTION pg_temp.zh_paragraph(n int) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(zh.a[1 + floor(random() * cardinality(zh.a))::int], CASE WHEN random() < 0.1 THEN '，' ELSE '' END) || '。'
    FROM generate_series(1, n), (SELECT array_agg(h) AS a FROM hanzi) zh
$$;

INSERT INTO "Entity" (id, "workspaceId", "typeId", name, aliases, description, "updatedAt")
SELECT 'be' || i, 'bws', 'bt' || (1 + i % 5),
       CASE WHEN i <= 20 THEN (SELECT array_agg(n) FROM names)[i] ELSE initcap(pg_temp.en_paragraph(2)) || ' ' || i END,
       CASE WHEN i = 1 THEN ARRAY['Massoud Jr.'] ELSE ARRAY[]::text[] END,
       pg_temp.en_paragraph(12), now()
  FROM generate_series(1, 2000) i;

INSERT INTO "Article" (id, "workspaceId", title, authors, "importedById", "publishedAt", "updatedAt", "createdAt")
SELECT 'ba' || i, 'bws', initcap(pg_temp.en_paragraph(6)), ARRAY[]::text[], 'bu1',
       date '2021-01-01' + (i % 700), now(), now() - (i || ' minutes')::interval
  FROM generate_series(1, :articles) i;

-- ~1,000 words each: 14 paragraphs of ~70 words; one in ten Arabic, one in ten Chinese.
INSERT INTO "ArticleRevision" (id, "workspaceId", "articleId", number, content, text, "authorId")
SELECT 'br' || i, 'bws', 'ba' || i, 1, '{"type":"doc","content":[]}'::json,
       (SELECT string_agg(CASE WHEN r < 0.1 THEN pg_temp.ar_paragraph(40) WHEN r < 0.2 THEN pg_temp.zh_paragraph(60)
                               ELSE pg_temp.en_paragraph(70) END, E'\n\n' ORDER BY p)
          FROM (SELECT p, random() AS r FROM generate_series(1, 14 + (i % 1) * 0) p) x),
       'bu1'
  FROM generate_series(1, :articles) i;

UPDATE "Article" SET "currentRevisionId" = 'br' || substr(id, 3) WHERE "workspaceId" = 'bws';

-- Annotations: spans inside passages (every passage start is a word start), authors 4–20, entities for most.
INSERT INTO "Annotation" (id, "workspaceId", "articleId", "revisionId", "authorId", start, "end", exact, prefix, suffix,
                          "entityId", note, status, "updatedAt")
SELECT 'bn' || row_number() OVER (), 'bws', s."articleId", s."revisionId", 'bu' || (4 + (k % 17)),
       s.start + o, s.start + o + len, substr(s.body, o + 1, len), '', '',
       CASE WHEN k % 5 = 0 THEN NULL ELSE 'be' || (1 + (k::bigint * 7919) % 2000) END,
       CASE WHEN k % 10 = 0 THEN pg_temp.en_paragraph(5) END,
       (ARRAY['PROPOSED','PROPOSED','ACCEPTED','REJECTED'])[1 + k % 4]::"AnnotationStatus", now()
  FROM (SELECT e.*, row_number() OVER () AS rn FROM "SearchEntry" e WHERE e."workspaceId" = 'bws' AND e.kind = 'passage') s,
       LATERAL (SELECT g::int AS k, ((g * 37) % greatest(char_length(s.body) - 20, 1))::int AS o, (5 + g % 15)::int AS len
                  FROM generate_series(s.rn * 100, s.rn * 100 + ceil(:annotations::numeric / (SELECT count(*) FROM "SearchEntry" WHERE kind = 'passage' AND "workspaceId" = 'bws'))::int - 1) g) AS x
 LIMIT :annotations;

INSERT INTO "Comment" (id, "workspaceId", "articleId", "annotationId", "authorId", body, text, "updatedAt")
SELECT 'bc' || i, 'bws', a."articleId", a.id, 'bu' || (1 + i % 20), '{"type":"doc"}'::json, pg_temp.en_paragraph(15), now()
  FROM (SELECT id, "articleId", row_number() OVER (ORDER BY id) AS i FROM "Annotation" WHERE "workspaceId" = 'bws' LIMIT :comments) a;

-- What the comment trigger would have written, set-wise.
INSERT INTO "SearchEntry" (id, "workspaceId", kind, "articleId", "annotationId", "commentId", "authorId", "annotationAuthorId",
                           body, extra, date)
SELECT 'comment:' || c.id, c."workspaceId", 'comment', c."articleId", c."annotationId", c.id, c."authorId", an."authorId",
       c.text, COALESCE(u.name, ''), c."createdAt"
  FROM "Comment" c JOIN "Annotation" an ON an.id = c."annotationId" LEFT JOIN "User" u ON u.id = c."authorId"
 WHERE c."workspaceId" = 'bws' AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL;

ALTER TABLE "Comment" ENABLE TRIGGER "Comment_search";
CREATE INDEX "SearchEntry_kind_document_idx" ON "SearchEntry" USING GIN ("kind", "document");

ANALYZE;
