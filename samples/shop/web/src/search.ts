import { isEnabled, useFlag } from './flags';

export function SearchBox(query: string): string[] {
  // search-suggestions expired on 2026-06-30 but is still checked here.
  if (isEnabled('search-suggestions')) {
    return suggest(query);
  }
  return [];
}

export function useRecommendations(): boolean {
  // Deliberate problem: 'beta-recommendations' is in no registry.
  return useFlag('beta-recommendations');
}

function suggest(query: string): string[] {
  return [query + 's'];
}
