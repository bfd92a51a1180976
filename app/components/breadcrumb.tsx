import { Link } from "@remix-run/react";

/** "Where am I": links to the pages above, the current page last (aria-current). */
export function Breadcrumb({ trail, current }: { trail: { to: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      {trail.map((item) => (
        <span key={item.to}>
          <Link to={item.to} className="underline">
            {item.label}
          </Link>{" "}
          ›{" "}
        </span>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
