// A SOAP 1.1 service written with the npm "soap" package (not by us): the hub's SOAP connector is
// tested against it. Usage: node soap-server.mjs PORT. Prints "listening" once ready.
import http from 'node:http';
import fs from 'node:fs';
import soap from 'soap';

const port = Number(process.argv[2]);
const wsdl = fs.readFileSync(new URL('./customer-service.wsdl', import.meta.url), 'utf8');
const customers = [
  { Id: 'C-1', Name: 'Ada & Co', Phone: '+49301234567', Balance: '1250.50', Since: '2021-03-04T10:00:00Z' },
  { Id: 'C-2', Name: 'Grace', Phone: '+49301234567', Balance: '0', Since: '2022-01-01T00:00:00Z' },
];

const service = {
  CustomerService: {
    CustomerPort: {
      FindCustomers({ Phone }) {
        return { Customer: customers.filter((c) => c.Phone === Phone) };
      },
      GetCustomer({ Id }) {
        const customer = customers.find((c) => c.Id === Id);
        if (!customer) {
          throw { Fault: { faultcode: 'soap:Client', faultstring: `no customer ${Id}`, statusCode: 500 } };
        }
        return { Customer: customer };
      },
    },
  },
};

const server = http.createServer((req, res) => { res.statusCode = 404; res.end(); });
server.listen(port, '127.0.0.1', () => {
  soap.listen(server, '/customers', service, wsdl);
  console.log('listening');
});
