import { useId, type ComponentProps } from 'react';
import { CatalogueOptions, useCatalogue } from '../enquiries/Catalogue';
import { TextInput } from '../ui/ui';

/**
 * A text field that offers the service catalogue's items (head office's 项目目录, as the enquiry
 * form's picker does: its datalist), typing anything else still possible; one Tab stop.
 */
export function ServiceItemInput(props: Omit<ComponentProps<typeof TextInput>, 'list'>) {
  const catalogue = useCatalogue();
  const listId = useId();
  return (
    <>
      <TextInput {...props} list={catalogue.length ? listId : undefined} autoComplete="off" />
      <CatalogueOptions id={listId} items={catalogue} />
    </>
  );
}
