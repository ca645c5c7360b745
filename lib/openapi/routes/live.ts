import { z } from "zod";
import { apiRoute, dataOf } from "@/lib/openapi/registry";
import { pathParams, PresentMemberSchema } from "@/lib/openapi/schemas";
import { eventStreamQuerySchema, presenceSelectionSchema } from "@/lib/validations/live";

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/events",
  tag: "Live",
  summary: "Follow the live event stream",
  description:
    "Server-Sent Events of the workspace (or one `articleId`): annotation, comment and assignment changes and presence. Reconnect with `Last-Event-ID` (or `lastEventId`) to get what was missed. The stream rechecks the session while open; API clients poll the list routes instead.",
  permission: "live.subscribe",
  apiToken: false,
  params: pathParams.workspace,
  query: eventStreamQuerySchema,
  response: {
    status: 200,
    description: "An endless `text/event-stream`.",
    contentTypes: { "text/event-stream": z.string() },
  },
});

apiRoute({
  method: "get",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/presence",
  tag: "Live",
  summary: "See who has the article open",
  permission: "live.subscribe",
  apiToken: false,
  params: pathParams.article,
  response: {
    status: 200,
    description:
      "The members present, what they selected and what they are linking from (a pending relation; never shown to a viewer annotating the article blind).",
    schema: dataOf(z.array(PresentMemberSchema)),
  },
});

apiRoute({
  method: "post",
  path: "/api/workspaces/{workspaceId}/articles/{articleId}/presence",
  tag: "Live",
  summary: "Share my selection and pending link",
  description:
    "For the event stream connection `connectionId` (404 once it is closed). `linkingFromId`: the annotation a link is being made from, null when none is pending; left out, it is unchanged.",
  permission: "live.subscribe",
  apiToken: false,
  params: pathParams.article,
  body: presenceSelectionSchema,
  response: { status: 204, description: "Shared." },
});
