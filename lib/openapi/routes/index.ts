// Every area's routes, registered once each on the one registry. A new area
// (e.g. exports) adds its module here.
import "@/lib/openapi/routes/workspaces";
import "@/lib/openapi/routes/articles";
import "@/lib/openapi/routes/annotations";
import "@/lib/openapi/routes/entities";
import "@/lib/openapi/routes/api-tokens";
import "@/lib/openapi/routes/exports";
