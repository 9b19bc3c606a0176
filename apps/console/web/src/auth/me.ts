import { useDirectory } from '../api/directory';
import { useSignedIn } from './session-context';

/**
 * The signed-in person as the directory knows them (name, position) and their organisation's
 * name, for the header. Until they arrive, or if the directory does not know the person, the
 * token's user id and organisation code stand in.
 */
export function useMe() {
  const { principal } = useSignedIn();
  const directory = useDirectory();
  return {
    ...principal,
    fullName: directory.person(principal.userId),
    position: directory.position(principal.userId),
    orgName: directory.organisation(principal.org),
  };
}
