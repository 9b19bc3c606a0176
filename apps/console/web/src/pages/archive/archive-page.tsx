import { Route, Routes } from 'react-router';
import { ArchiveSearch } from './archive-search';
import { PackageDetail } from './package-detail';

/** The archive area: the search (/archive), and each package found (/archive/<package id>). */
export default function ArchivePage() {
  return (
    <Routes>
      <Route index element={<ArchiveSearch />} />
      <Route path=":packageId" element={<PackageDetail />} />
    </Routes>
  );
}
