// A signed figure: right-aligned tabular digits, green/red by sign.
import type { Signed } from '../format/figures';

export function SignedFigure({
  value,
  className = '',
  testId,
}: {
  value: Signed;
  className?: string;
  testId?: string;
}) {
  return (
    <span className={`fig tone-${value.tone} ${className}`} data-testid={testId}>
      {value.text}
    </span>
  );
}
