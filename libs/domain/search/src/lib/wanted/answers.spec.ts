import { answersWanted, traceAbout, traceTerms } from './answers';
import { wantedTerms } from './normalize-query';

const trace = (title: string, tags: string[], context: string, solution: string) =>
  traceTerms({ title, tags, context_text: context, solution_text: solution });

describe('answersWanted', () => {
  const kafka = trace(
    'Kafka consumer group rebalance storm',
    ['kafka', 'java'],
    'Consumers keep leaving and rejoining the group; max.poll.interval.ms is exceeded by slow batches.',
    'Lower max.poll.records or raise max.poll.interval.ms; process batches faster.',
  );

  it('is true when the trace covers the distinctive terms and is about one of them', () => {
    expect(answersWanted(wantedTerms('kafka consumer rebalance storm'), kafka)).toBe(true);
    expect(answersWanted(wantedTerms('Kafka consumers stuck in a rebalance storm?'), kafka)).toBe(true);
  });

  it('is false when too little of the question is covered', () => {
    expect(answersWanted(wantedTerms('kafka schema registry avro compatibility'), kafka)).toBe(false);
    expect(answersWanted(wantedTerms('postgres deadlock detected'), kafka)).toBe(false);
  });

  it('is false when the terms occur only in passing, not in the title or tags', () => {
    const passing = trace('Slow batch jobs', ['python'], 'unlike a kafka consumer rebalance storm this is', 'tune the pool');
    expect(answersWanted(wantedTerms('kafka consumer rebalance storm'), passing)).toBe(false);
  });

  it('never answers a question of generic words by rule', () => {
    expect(answersWanted(wantedTerms('how to fix the error'), kafka)).toBe(false);
  });

  it('does not need the searcher\'s paths, numbers or ids to appear in the trace', () => {
    expect(answersWanted(wantedTerms('kafka consumer rebalance storm at offset 918273 in /opt/app/consumer.log'), kafka)).toBe(true);
  });
});

describe('traceAbout', () => {
  it('is the distinctive terms of the title and tags alone, as traceTerms has them', () => {
    const fields = { title: 'Kafka consumer group rebalance storm', tags: ['kafka'], context_text: 'max.poll.interval.ms exceeded', solution_text: 'Lower max.poll.records' };
    const about = traceAbout(fields);
    expect([...about].sort()).toEqual([...traceTerms(fields).about].sort());
    expect(about.has('kafka')).toBe(true);
    expect([...about].some((t) => t.includes('poll'))).toBe(false);
  });
});
