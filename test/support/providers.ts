/**
 * The provider most handler tests refer to: a non-profit day centre for older adults in Quito, with Lucía as its
 * contact officer (signs in as `dorados.lucia`, phone +593987111222).
 */
export function doradosOrganization(options: { name?: string; preferredChannel?: 'sms' | 'email' } = {}) {
  return {
    name: options.name ?? 'Fundación Años Dorados',
    sector: 'non-profit',
    contactOfficers: [
      {
        id: 'lucia',
        userId: 'dorados.lucia',
        name: 'Lucía Benítez',
        position: 'Enlace',
        email: 'lucia@dorados.example.org',
        phone: '+593987111222',
        preferredChannel: options.preferredChannel ?? 'sms',
      },
    ],
    locations: [],
  };
}
