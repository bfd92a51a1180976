/**
 * A route's page rendered to HTML on the server, with its real loader answer: React Router's
 * static handler runs the loader, then the component renders as Remix would render it, in
 * Italian. For checks on the markup itself (escaping, badges in words) in integration tests.
 */
import { createInstance } from "i18next";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import i18n from "~/i18n";
import { resources } from "~/locales";

export async function renderRoute(
  route: { default: unknown; loader: unknown },
  pattern: string,
  request: Request,
): Promise<{ status: number; html: string }> {
  const routes = [
    {
      id: "page",
      path: pattern,
      loader: route.loader as never,
      Component: route.default as ComponentType,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) return { status: context.status, html: "" };
  const instance = createInstance();
  await instance.use(initReactI18next).init({ ...i18n, lng: "it", resources });
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    <I18nextProvider i18n={instance}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
  return { status: context.statusCode, html };
}
