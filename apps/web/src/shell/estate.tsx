import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { call, client, type Schemas } from '../api/client';

export type Estate = Schemas['EstateResponse'];

export const EstateContext = createContext<Estate | null>(null);

/** The estate of the current URL (/e/:estate/…). Screens under the shell always have one. */
export function useEstate(): Estate {
  const estate = useContext(EstateContext);
  if (!estate) throw new Error('useEstate outside an estate route');
  return estate;
}

/** The estates the signed-in person may see (admins: all), for the switcher and the URL. */
export function useEstates() {
  return useQuery({
    queryKey: ['estates'],
    queryFn: () => call(client.GET('/api/v1/estates', { params: { query: { pageSize: 100 } } })),
    staleTime: 5 * 60_000,
  });
}
