// Play / pause, step by one decision, jump to the previous or next fill, first and last, a slider
// over every loaded decision and the playing speed. Playing advances one decision per tick.
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../format/time';
import { nextFillIndex, prevFillIndex, stepIndex, type Timeline } from './replay-state';

const SPEEDS = [1, 4, 10, 30] as const;

interface Props {
  tl: Timeline;
  index: number;
  playing: boolean;
  onIndex: (i: number) => void;
  onPlaying: (p: boolean) => void;
  tz: string;
}

export function ReplayControls({ tl, index, playing, onIndex, onPlaying, tz }: Props) {
  const [speed, setSpeed] = useState<number>(4);
  const n = tl.decisions.length;
  const last = n - 1;
  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      onPlaying(false);
      return;
    }
    const timer = setTimeout(() => onIndex(stepIndex(tl, index, 1)), 1000 / speed);
    return () => clearTimeout(timer);
  }, [playing, index, last, speed, tl, onIndex, onPlaying]);
  const go = (i: number | null) => {
    if (i === null) return;
    onPlaying(false);
    onIndex(i);
  };
  const prevFill = prevFillIndex(tl, index);
  const nextFill = nextFillIndex(tl, index);
  const time = tl.decisions[index]?.time ?? null;
  return (
    <div className="replay-controls panel" data-testid="replay-controls">
      <div className="rc-buttons" role="group" aria-label="Replay">
        <button
          type="button"
          className="btn"
          onClick={() => go(0)}
          disabled={index <= 0}
          aria-label="First decision"
          title="First decision"
        >
          |◀
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => go(prevFill)}
          disabled={prevFill === null}
          title="Back to before the previous fill"
          data-testid="prev-fill"
        >
          ◀ fill
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => go(stepIndex(tl, index, -1))}
          disabled={index <= 0}
          aria-label="Previous decision"
          title="Previous decision"
          data-testid="step-back"
        >
          ◀
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            if (!playing && index >= last) onIndex(0);
            onPlaying(!playing);
          }}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause' : 'Play'}
          data-testid="play"
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => go(stepIndex(tl, index, 1))}
          disabled={index >= last}
          aria-label="Next decision"
          title="Next decision"
          data-testid="step-forward"
        >
          ▶
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => go(nextFill)}
          disabled={nextFill === null}
          title="Forward to the next fill"
          data-testid="next-fill"
        >
          fill ▶
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => go(last)}
          disabled={index >= last}
          aria-label="Last decision"
          title="Last decision"
        >
          ▶|
        </button>
        <label className="speed">
          <span className="muted small">speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} steps/s
              </option>
            ))}
          </select>
        </label>
      </div>
      <input
        type="range"
        className="rc-slider"
        min={0}
        max={Math.max(0, last)}
        step={1}
        value={Math.max(0, index)}
        onChange={(e) => go(Number(e.target.value))}
        aria-label="Moment"
        aria-valuetext={time ? formatDateTime(time, tz) : undefined}
        data-testid="replay-slider"
      />
      <div className="rc-where">
        <strong className="mono" data-testid="replay-time">
          {formatDateTime(time, tz)}
        </strong>
        <span className="muted small" data-testid="replay-step">
          decision {index + 1} of {n}
        </span>
      </div>
    </div>
  );
}
