import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { SiteHeader } from "~/components/site-header";
import i18next from "~/i18next.server";
import stylesheet from "~/tailwind.css?url";
import { getUser } from "~/access/user.server";
import { NAVIGATION, can } from "~/access/capabilities";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), i18next.getLocale(request)]);
  return {
    locale,
    requestId: typeof context.requestId === "string" ? context.requestId : null,
    user: user
      ? {
          name: `${user.firstName} ${user.lastName}`,
          navigation: NAVIGATION.filter((n) => can(user.roles, n.capability)).map(({ to, labelKey }) => ({
            to,
            labelKey,
          })),
        }
      : null,
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const locale = data?.locale ?? "it";
  return (
    <html lang={locale} dir={i18n.dir(locale)} className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col text-slate-900">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return (
    <>
      <SiteHeader user={user} locale={locale} />
      <main id="contenuto" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="no-print border-t border-slate-200 bg-white px-4 py-4 text-center text-sm text-slate-600">
      <p>
        {t("app.name")} — {t("app.tagline")}
      </p>
      {/* Citizens have no account: the footer is how they find the public form. */}
      <p className="mt-1">
        <Link to="/segnala" className="font-semibold text-brand-700 underline">
          {t("citizen.footerLink")}
        </Link>
      </p>
    </footer>
  );
}

export const meta: MetaFunction = () => [{ title: "Capacitas" }];

export function ErrorBoundary() {
  return (
    <main id="contenuto" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10">
      <GeneralErrorBoundary />
    </main>
  );
}
