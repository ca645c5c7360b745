// Every area's routes, registered once each on the one registry. A new area
// adds its module here; test/api/openapi.test.ts fails for a route file of
// app/api that no module documents.
import "@/lib/openapi/routes/workspaces";
import "@/lib/openapi/routes/articles";
import "@/lib/openapi/routes/capture";
import "@/lib/openapi/routes/annotations";
import "@/lib/openapi/routes/entities";
import "@/lib/openapi/routes/relations";
import "@/lib/openapi/routes/api-tokens";
import "@/lib/openapi/routes/exports";
import "@/lib/openapi/routes/imports";
import "@/lib/openapi/routes/assignments";
import "@/lib/openapi/routes/reviews";
import "@/lib/openapi/routes/comments";
import "@/lib/openapi/routes/live";
import "@/lib/openapi/routes/account";
import "@/lib/openapi/routes/agreement";
import "@/lib/openapi/routes/operations";
import "@/lib/openapi/routes/search";
