import { QuoteRow } from './QuoteRow';

export function Blotter({ positions }: { positions: Array<{ symbol: string; qty: number }> }) {
  return (
    <table>
      <tbody>
        {positions.map((p) => (
          <QuoteRow key={p.symbol} symbol={p.symbol} />
        ))}
      </tbody>
    </table>
  );
}
